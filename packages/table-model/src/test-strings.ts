// Strings an API may send that Excel would read as something else: the embedded server's hostile
// billing tags and tenant names, ids that look like numbers, line breaks. Shared by the tests here
// and in the writers (exported from the package for them).

export const HOSTILE: readonly string[] = [
  '=HYPERLINK("http://evil.example","click")',
  '+cmd|\' /C calc\'!A0',
  '-2+3',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r\n=1+1',
  '"quoted", with comma',
  'line1\nline2',
  '00123',
  '1E5',
  'Привет 東京',
];
