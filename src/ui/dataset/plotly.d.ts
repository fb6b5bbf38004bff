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
  export function toImage(
    root: HTMLElement | { data: object[]; layout?: object; config?: object },
    options: { format: 'png' | 'svg' | 'jpeg'; width?: number; height?: number },
  ): Promise<string>;
  const Plotly: {
    react: typeof react;
    purge: typeof purge;
    toImage: typeof toImage;
  };
  export default Plotly;
}
