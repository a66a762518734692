import { modelOf, joinLines } from './test/unit/util';
const show = (t: string) => { const m = modelOf(t); console.log('---'); for (const e of m.timeline) console.log(' ', JSON.stringify([e.timeText, e.text, e.range.start.line, e.range.end.line, e.dateRange && m.document.getText(e.dateRange), e.dotted])); };
show(joinLines('## Timeline', '', '### 14:30 a', '', 'x', '', '### 14.40 b', '', 'y'));
show(joinLines('## Timeline', '', '### 10:00 UTC a', '', '#### Details', '', 'text', '', '### 10:20 UTC b'));
show(joinLines('## Timeline', '', '- **2024-03-05 10:05 UTC:** rollback', '- **2024-03-05 10:15 UTC:** done'));
show(joinLines('## Timeline', '', '- **14.43** deploy', '- **14.50** rollback'));
