/** A tenant slug: the tenant's name in URLs and, as `tenant_<slug>`, in its Postgres schema. */
export const TENANT_SLUG_PATTERN = /^[a-z][a-z0-9_]{2,40}$/;

export const TENANT_SLUG_RULE = 'must be 3 to 41 characters: a lower-case letter, then lower-case letters, digits or _';
