import { MailTemplate } from './mail-template';

/** Context: `since`, `until` (ISO times) and `sections: [{ title, lines: string[] }]`. */
export const dailyReportTemplate: MailTemplate = {
  html: `<h1 style="font-size:20px;">Daily report</h1>
<p style="color:#52606d;">From {{since}} to {{until}}</p>
{{#each sections}}
<h2 style="font-size:16px;margin-top:24px;">{{title}}</h2>
<ul>
{{#each lines}}<li>{{this}}</li>
{{else}}<li>Nothing to report.</li>
{{/each}}</ul>
{{else}}
<p>No report sections are registered.</p>
{{/each}}`,
  text: `Daily report
From {{since}} to {{until}}
{{#each sections}}

{{title}}
{{#each lines}}
- {{this}}
{{else}}
- Nothing to report.
{{/each}}
{{else}}

No report sections are registered.
{{/each}}`,
};
