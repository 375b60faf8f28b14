/** What other libs learn about a user: enough to check and name them, nothing more. */
export interface UserSummary {
  id: string;
  email: string;
  username: string;
  isActive: boolean;
  isSuperadmin: boolean;
}
