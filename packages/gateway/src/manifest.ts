// The add-in manifest as built points at the dev server (https://localhost:3000). Served by the
// gateway, every localhost/loopback URL in it becomes the gateway's public URL, so the file an
// administrator downloads from /manifest.xml is ready to deploy.
const DEV_URL = /https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?=[/"'<\s])/g;

export function rewriteManifest(xml: string, publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  const escaped = base.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return xml.replace(DEV_URL, escaped);
}
