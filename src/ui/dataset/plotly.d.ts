// The parts of plotly.js-cartesian-dist-min's API this app uses (the package ships no types).
declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotlyClickEvent {
    points: { pointIndex: number; customdata?: unknown }[];
  }
  export interface PlotlyHTMLElement extends HTMLDivElement {
    on(event: 'plotly_click', handler: (event: PlotlyClickEvent) => void): void;
    removeAllListeners?(event: string): void;
  }
  export function react(
    root: HTMLElement,
    data: object[],
    layout?: object,
    config?: object,
  ): Promise<PlotlyHTMLElement>;
  export function purge(root: HTMLElement): void;
  export function downloadImage(
    root: HTMLElement,
    options: { format: 'png' | 'svg' | 'jpeg'; filename: string; width?: number; height?: number },
  ): Promise<string>;
  export function toImage(
    root: HTMLElement,
    options: { format: 'png' | 'svg' | 'jpeg'; width?: number; height?: number },
  ): Promise<string>;
  const Plotly: {
    react: typeof react;
    purge: typeof purge;
    downloadImage: typeof downloadImage;
    toImage: typeof toImage;
  };
  export default Plotly;
}
