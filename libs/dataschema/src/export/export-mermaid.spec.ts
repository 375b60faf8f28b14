import { CRM_TEMPLATE } from '../templates/crm.template';
import { exportMermaid } from './export-mermaid';

describe('exportMermaid', () => {
  it('draws tables with their columns and one relationship per reference', () => {
    const text = exportMermaid(CRM_TEMPLATE);
    expect(text.startsWith('erDiagram\n  companies {\n    uuid id PK\n    string name\n')).toBe(true);
    expect(text).toContain('    string domain UK\n');
    expect(text).toContain('    reference company FK\n');
    expect(text).toContain('  contacts }o--o| companies : company\n');
    expect(text).toContain('  deals }o--|| companies : company\n');
    expect(text).toContain('  deals }o--o| contacts : contact\n');
  });

  it('keeps a description from breaking out of its quotes', () => {
    const text = exportMermaid({
      tables: [{ name: 't', columns: [{ name: 'a', type: 'text', description: 'say "hi"\n}' }] }],
    });
    expect(text).toContain('    text a "say hi }"\n');
  });
});
