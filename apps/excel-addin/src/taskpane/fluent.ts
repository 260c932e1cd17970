// Office's look: Fluent UI Web Components v3, only the ones the pane uses (each define import
// registers one element), and Fluent's web light theme as CSS variables for them and taskpane.css.

import '@fluentui/web-components/button.js';
import '@fluentui/web-components/progress-bar.js';
import '@fluentui/web-components/tab.js';
import '@fluentui/web-components/tablist.js';
import { setTheme } from '@fluentui/web-components/theme/index.js';
import { webLightTheme } from '@fluentui/tokens';

export function useFluent(): void {
  setTheme(webLightTheme);
}
