export enum QueueName {
  Mail = 'mail',
  Maintenance = 'maintenance',
  Imports = 'imports',
  Exports = 'exports',
}
