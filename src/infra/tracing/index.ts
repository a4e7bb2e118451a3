export { tracingEnabled, traceJob } from './spans';
