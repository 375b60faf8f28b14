import { EmailField, IsActiveField, PasswordField, TextField, UsernameField } from './user-fields';

export class CreateUserDto {
  @UsernameField(true)
  username!: string;

  @EmailField(true)
  email!: string;

  @PasswordField(true)
  password!: string;

  @TextField(150, 'Jane')
  firstName?: string;

  @TextField(150, 'Doe')
  lastName?: string;

  @TextField(50, '+44 20 7946 0000')
  phone?: string;

  @TextField(2000, '1 Main Street, Springfield')
  address?: string;

  @IsActiveField()
  isActive?: boolean;
}
