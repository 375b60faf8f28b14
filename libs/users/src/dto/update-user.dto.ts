import {
  CurrentPasswordField,
  EmailField,
  IsActiveField,
  PasswordField,
  TextField,
  UsernameField,
} from './user-fields';

/** PATCH: only the fields sent change. A non-superadmin may not send `isActive`. */
export class UpdateUserDto {
  @UsernameField(false)
  username?: string;

  @EmailField(false)
  email?: string;

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
