/** The BullMQ queues of the notifications service; a job's id is the delivery (or reminder) it is for. */
export const EMAIL_QUEUE = 'notifications-email';
export const WEBHOOK_QUEUE = 'notifications-webhook';
export const REMINDER_QUEUE = 'notifications-reminders';
export const HOUSEKEEPING_QUEUE = 'notifications-housekeeping';
export const NOTIFICATION_QUEUES = [EMAIL_QUEUE, WEBHOOK_QUEUE, REMINDER_QUEUE, HOUSEKEEPING_QUEUE] as const;
