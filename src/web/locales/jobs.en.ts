/** English texts of the jobs page: long work of every kind, its progress, and its cancellation (issue 17). */
export const jobsEn = {
  nav: 'Jobs',
  title: 'Jobs',
  none: 'No jobs yet.',
  kind: 'Kind',
  owner: 'Started by',
  status: 'Status',
  progress: 'Progress',
  attempts: 'Attempts',
  error: 'Why it failed',
  created: 'Started',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
  cancelledBy: 'cancelled by {{name}}',
  kinds: {
    linkage: 'Record linkage',
    reconciliation: 'List reconciliation',
    lists: { import: 'List import (storing rows)' },
    notices: { batch: 'Notices batch (preparing)' },
  },
  statuses: { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' },
  stage: 'Stage: {{stage}}',
}
