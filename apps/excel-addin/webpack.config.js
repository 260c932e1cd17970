// Builds the pane into dist/. With the shared runtime the pane's page is also the ribbon's function
// file and what Excel loads when a workbook opens, so there is no separate commands page.
// `webpack serve` is the HTTPS dev server for sideloading into Office (see README).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';

const here = fileURLToPath(new URL('.', import.meta.url));
const DEV_ORIGIN = 'https://localhost:3000';

/** office-addin-dev-certs' files, when they were made (that step prompts; see README). */
function devCerts() {
  const dir = join(homedir(), '.office-addin-dev-certs');
  const [cert, key] = [join(dir, 'localhost.crt'), join(dir, 'localhost.key')];
  return existsSync(cert) && existsSync(key) ? { type: 'https', options: { cert: readFileSync(cert), key: readFileSync(key) } } : { type: 'https' };
}

export default (_env, argv) => {
  const prod = argv.mode === 'production';
  const paneOrigin = process.env.MB_PANE_ORIGIN ?? DEV_ORIGIN;
  return {
    devtool: prod ? 'source-map' : 'eval-source-map',
    entry: { taskpane: './src/taskpane/taskpane.ts' },
    output: { path: join(here, 'dist'), filename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
    module: { rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2022' } }] },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], scriptLoading: 'defer' }),
      new CopyPlugin({
        patterns: [
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (c) => (prod ? c.toString().replaceAll(DEV_ORIGIN, paneOrigin) : c) },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server: devCerts(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      // The pane calls the API on its own origin; forward /v2 to the embedded Usage API server.
      proxy: [{ context: ['/v2'], target: process.env.MB_API_ORIGIN ?? 'http://localhost:8787', changeOrigin: true }],
    },
  };
};
