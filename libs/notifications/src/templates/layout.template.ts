import { MailTemplate } from './mail-template';

/** Wraps every mail; `body` is the rendered template, `subject` the mail's subject. */
export const layoutTemplate: MailTemplate = {
  html: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1f2933;">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px;padding:24px;">
{{{body}}}
</div>
<p style="max-width:600px;margin:16px auto 0;font-size:12px;color:#7b8794;">Sent by Strata. Please do not reply to this message.</p>
</body>
</html>
`,
  text: `{{{body}}}

--
Sent by Strata. Please do not reply to this message.
`,
};
