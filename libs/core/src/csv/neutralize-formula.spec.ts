import { neutralizeFormula } from './neutralize-formula';

describe('neutralizeFormula', () => {
  it.each(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])('prefixes %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['plain', '', 'a=b', '1-2'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
