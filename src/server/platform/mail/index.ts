export { createMailer, MailMessage, NOT_CONFIGURED, type Mailer, type MailerDeps, type OutboxEntry, type OutboxStatus } from './outbox.js';
