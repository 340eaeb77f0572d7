import type { ITheme } from 'survey-core';

/** The product's own look for SurveyJS: system fonts, the calm accent, readable contrast. */
export const SURVEY_THEME: ITheme = {
  themeName: 'kvalitetshjulet',
  colorPalette: 'light',
  isPanelless: true,
  cssVariables: {
    '--sjs-font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    '--sjs-general-backcolor': '#ffffff',
    '--sjs-general-backcolor-dark': '#e9edf1',
    '--sjs-general-backcolor-dim': '#f6f7f9',
    '--sjs-general-backcolor-dim-light': '#ffffff',
    '--sjs-general-backcolor-dim-dark': '#e9edf1',
    '--sjs-general-forecolor': '#1c2530',
    '--sjs-general-forecolor-light': '#4a5663',
    '--sjs-general-dim-forecolor': '#1c2530',
    '--sjs-general-dim-forecolor-light': '#4a5663',
    '--sjs-primary-backcolor': '#1f5f8b',
    '--sjs-primary-backcolor-light': '#e6f0f7',
    '--sjs-primary-backcolor-dark': '#164566',
    '--sjs-primary-forecolor': '#ffffff',
    '--sjs-primary-forecolor-light': '#ffffff',
    '--sjs-base-unit': '8px',
    '--sjs-corner-radius': '8px',
    '--sjs-border-light': '#cfd6de',
    '--sjs-border-default': '#8a96a3',
    '--sjs-font-size': '16px',
  },
};
