export {
  createJobQueue,
  type DrainResult,
  type EnqueueOptions,
  type JobLog,
  type JobQueue,
  type JobQueueDeps,
  type RecurringTask,
  type TaskContext,
  type TaskDefinition,
} from './queue.js';
