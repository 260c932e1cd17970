import { describe, expect, it } from 'vitest';
import { rewriteManifest } from './manifest.js';

describe('rewriteManifest', () => {
  it('points every loopback URL at the public URL and leaves others alone', () => {
    const xml = '<a DefaultValue="https://localhost:3000/taskpane.html"/><b>http://127.0.0.1:8080/x</b><c>https://usage.bam.api.here.com</c>';
    expect(rewriteManifest(xml, 'https://gw.example.com/')).toBe('<a DefaultValue="https://gw.example.com/taskpane.html"/><b>https://gw.example.com/x</b><c>https://usage.bam.api.here.com</c>');
  });
});
