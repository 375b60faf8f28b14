export enum QueueName {
  Mail = 'mail',
  Maintenance = 'maintenance',
}
