import {
  CurrentPasswordField,
  EmailField,
  IsActiveField,
  PasswordField,
  TextField,
  UsernameField,
} from './user-fields';

/** PUT: the whole user. Absent optional fields are reset (text to '', isActive to true); the password is kept when absent. */
export class ReplaceUserDto {
  @UsernameField(true)
  username!: string;

  @EmailField(true)
  email!: string;

  @PasswordField(false)
  password?: string;

  @CurrentPasswordField()
  currentPassword?: string;

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
