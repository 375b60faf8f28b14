import { renderMail } from './mail-renderer';
import { MAIL_TEMPLATES, UnknownMailTemplateError } from './mail-templates';
import { textToHtml } from './template-engine';

describe('renderMail', () => {
  it('renders the welcome mail with the username in both parts, inside the layout', () => {
    const mail = renderMail({
      to: ' ada@example.test ',
      subject: 'Welcome to Strata',
      template: 'welcome',
      context: { username: 'ada_l', firstName: 'Ada', email: 'ada@example.test' },
    });
    expect(mail.to).toEqual(['ada@example.test']);
    expect(mail.subject).toBe('Welcome to Strata');
    expect(mail.text).toContain('Welcome to Strata, Ada!');
    expect(mail.text).toContain('Username: ada_l');
    expect(mail.text).toContain('Sent by Strata');
    expect(mail.html).toContain('<strong>ada_l</strong>');
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain('<title>Welcome to Strata</title>');
  });

  it('leaves the greeting without a name when firstName is empty', () => {
    const mail = renderMail({
      to: 'x@example.test',
      subject: 'Welcome',
      template: 'welcome',
      context: { username: 'x', firstName: '', email: 'x@example.test' },
    });
    expect(mail.text).toContain('Welcome to Strata!');
  });

  it('escapes the bulk text in HTML and keeps it verbatim in the text part', () => {
    const text = 'Hello <b>all</b> & "friends"\nsecond line\n\nnew paragraph';
    const mail = renderMail({
      to: ['a@x.test'],
      subject: 'News & <notes>',
      template: 'bulk',
      context: { subject: 'News & <notes>', text },
    });
    expect(mail.text.startsWith(text)).toBe(true);
    expect(mail.html).toContain(
      '<p>Hello &lt;b&gt;all&lt;/b&gt; &amp; &quot;friends&quot;<br>\nsecond line</p>\n<p>new paragraph</p>',
    );
    expect(mail.html).toContain('<h1 style="font-size:20px;">News &amp; &lt;notes&gt;</h1>');
    expect(mail.html).not.toContain('<b>all</b>');
  });

  it('renders the daily report sections and their lines', () => {
    const mail = renderMail({
      to: 'admin@example.test',
      subject: 'Daily report',
      template: 'daily-report',
      context: {
        since: '2026-01-01T07:00:00.000Z',
        until: '2026-01-02T07:00:00.000Z',
        sections: [
          { title: 'Users', lines: ['New users: 3', 'Logins: <5>'] },
          { title: 'Tenants', lines: [] },
        ],
      },
    });
    expect(mail.text).toContain('From 2026-01-01T07:00:00.000Z to 2026-01-02T07:00:00.000Z');
    expect(mail.text).toContain('Users\n- New users: 3\n- Logins: <5>');
    expect(mail.text).toContain('Tenants\n- Nothing to report.');
    expect(mail.html).toContain('<li>Logins: &lt;5&gt;</li>');
    expect(mail.html).toContain('<h2 style="font-size:16px;margin-top:24px;">Tenants</h2>');
  });

  it('refuses an unknown template', () => {
    expect(() => renderMail({ to: 'a@x.test', subject: 's', template: 'nope', context: {} })).toThrow(
      UnknownMailTemplateError,
    );
    expect(() => renderMail({ to: 'a@x.test', subject: 's', template: 'toString', context: {} })).toThrow(
      UnknownMailTemplateError,
    );
  });

  it('knows the welcome, bulk and daily-report templates', () => {
    expect(Object.keys(MAIL_TEMPLATES).sort()).toEqual(['bulk', 'daily-report', 'welcome']);
  });
});

describe('textToHtml', () => {
  it('turns blank lines into paragraphs and line breaks into <br>, escaping everything', () => {
    expect(textToHtml('a\r\nb\n\n\n<c>')).toBe('<p>a<br>\nb</p>\n<p>&lt;c&gt;</p>');
    expect(textToHtml('   ')).toBe('');
  });
});
