import { MailTemplate } from './mail-template';

/** Context: `username`, `firstName`, `email`. */
export const welcomeTemplate: MailTemplate = {
  html: `<h1 style="font-size:20px;">Welcome to Strata{{#if firstName}}, {{firstName}}{{/if}}!</h1>
<p>An account has been created for you.</p>
<p>Username: <strong>{{username}}</strong><br>
Email: {{email}}</p>
<p>Sign in with your username or email and the password you were given.</p>`,
  text: `Welcome to Strata{{#if firstName}}, {{firstName}}{{/if}}!

An account has been created for you.

Username: {{username}}
Email: {{email}}

Sign in with your username or email and the password you were given.`,
};
