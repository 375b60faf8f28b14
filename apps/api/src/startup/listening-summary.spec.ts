import { listeningSummary } from './listening-summary';

describe('listeningSummary', () => {
  it('names the address and the URLs to open, with localhost for every interface', () => {
    expect(listeningSummary({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe(
      'Listening on 0.0.0.0:3000. API http://localhost:3000/api, docs http://localhost:3000/docs, health http://localhost:3000/health',
    );
  });

  it('keeps a specific address, bracketing IPv6', () => {
    expect(listeningSummary({ address: '127.0.0.1', family: 'IPv4', port: 8080 })).toContain(
      'docs http://127.0.0.1:8080/docs',
    );
    expect(listeningSummary({ address: '::1', family: 'IPv6', port: 3000 })).toBe(
      'Listening on [::1]:3000. API http://[::1]:3000/api, docs http://[::1]:3000/docs, health http://[::1]:3000/health',
    );
  });
});
