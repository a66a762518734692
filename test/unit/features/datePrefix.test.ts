// The date before a suggested timestamp, rewritten for the next day in the style the entry above writes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewriteDatePrefix } from '../../../server/src/features/timestampSuggestions';
import type { TimelineDate } from '../../../server/src/model/types';

const day = (year: number | undefined, month: number, date: number, numeric?: TimelineDate['numeric']): TimelineDate => ({
  ...(year !== undefined ? { year } : {}),
  month,
  day: date,
  ...(numeric ? { numeric } : {}),
});

test('ISO dates keep their separator, the width of each number and what follows', () => {
  assert.equal(rewriteDatePrefix('2021-07-11 ', day(2021, 7, 11), day(2021, 7, 12)), '2021-07-12 ');
  assert.equal(rewriteDatePrefix('2021/7/31, ', day(2021, 7, 31), day(2021, 8, 1)), '2021/8/01, ', 'two digits stay two');
  assert.equal(rewriteDatePrefix('2021/7/9, ', day(2021, 7, 9), day(2021, 7, 10)), '2021/7/10, ');
  assert.equal(rewriteDatePrefix('2021-12-31T', day(2021, 12, 31), day(2022, 1, 1)), '2022-01-01T');
  assert.equal(rewriteDatePrefix('2021-07-11 ', day(2021, 7, 11), day(undefined, 7, 12)), '2021-07-12 ', 'no year: the old one stays');
});

test('dates in numbers are written in the order the document reads them', () => {
  assert.equal(rewriteDatePrefix('30/09/2024 ', day(2024, 9, 30, 'day-first'), day(2024, 10, 1)), '01/10/2024 ');
  assert.equal(rewriteDatePrefix('09/30/2024 ', day(2024, 9, 30, 'month-first'), day(2024, 10, 1)), '10/01/2024 ');
  assert.equal(rewriteDatePrefix('9.30.2024 ', day(2024, 9, 30, 'month-first'), day(2024, 10, 1)), '10.01.2024 ');
  assert.equal(rewriteDatePrefix('31-12-2024 ', day(2024, 12, 31, 'day-first'), day(2025, 1, 1)), '01-01-2025 ');
});

test('month and day without a year: day-first only when the old date says so', () => {
  assert.equal(rewriteDatePrefix('03-26 ', day(undefined, 3, 26), day(undefined, 3, 27)), '03-27 ');
  assert.equal(rewriteDatePrefix('26-03 ', day(undefined, 3, 26), day(undefined, 3, 27)), '27-03 ');
  assert.equal(rewriteDatePrefix('03-03 ', day(undefined, 3, 3), day(undefined, 3, 4)), '03-04 ', 'the same number both ways reads month-first');
});

test('month names and weekdays follow the date, in the case and length written', () => {
  assert.equal(rewriteDatePrefix('Jul 11, ', day(2021, 7, 11), day(2021, 7, 12)), 'Jul 12, ');
  assert.equal(rewriteDatePrefix('Jul 09, ', day(2021, 7, 9), day(2021, 7, 10)), 'Jul 10, ');
  assert.equal(rewriteDatePrefix('Jul 08, ', day(2021, 7, 8), day(2021, 7, 9)), 'Jul 09, ', 'a leading zero is kept');
  assert.equal(rewriteDatePrefix('July 31 ', day(2021, 7, 31), day(2021, 8, 1)), 'August 1 ');
  assert.equal(rewriteDatePrefix('Sat Jul 10, ', day(2021, 7, 10), day(2021, 7, 11)), 'Sun Jul 11, ');
  assert.equal(rewriteDatePrefix('SATURDAY 10 JULY ', day(2021, 7, 10), day(2021, 7, 11)), 'SUNDAY 11 JULY ');
  assert.equal(rewriteDatePrefix('sat. 10 jul. ', day(2021, 7, 10), day(2021, 7, 11)), 'sun. 11 jul. ');
  assert.equal(rewriteDatePrefix('Sept. 30, ', day(2021, 9, 30), day(2021, 10, 1)), 'Oct. 1, ', 'not "Octo."');
  assert.equal(rewriteDatePrefix('June 30 ', day(2021, 6, 30), day(2021, 7, 1)), 'July 1 ', 'June is a whole name');
  assert.equal(rewriteDatePrefix('Fri 31 Dec 2021 ', day(2021, 12, 31), day(2022, 1, 1)), 'Sat 1 Jan 2022 ');
  // Without years, the turn of the year moves the weekday on by one day, not back by 364.
  assert.equal(rewriteDatePrefix('Fri 31 Dec ', day(undefined, 12, 31), day(undefined, 1, 1)), 'Sat 1 Jan ');
  assert.equal(rewriteDatePrefix('Tue 9 Mar ', day(undefined, 3, 9), day(undefined, 3, 16)), 'Tue 16 Mar ', 'a week on');
});

test('a style it cannot write is left to the caller', () => {
  assert.equal(rewriteDatePrefix('Day two ', day(2021, 7, 10), day(2021, 7, 11)), undefined, 'no day number to replace');
  assert.equal(rewriteDatePrefix('the 9th ', day(2021, 7, 10), day(2021, 7, 11)), undefined);
});
