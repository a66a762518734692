// Imported first by main.ts, so that the first parse worker loads while the rest of the server does (parseWorker.ts).
import { startEarlyWorker } from './parseWorker';

startEarlyWorker();
