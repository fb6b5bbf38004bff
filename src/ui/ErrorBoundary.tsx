import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Likeness crashed', error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="fatal">
        <h1>Something went wrong</h1>
        <p>{this.state.error.message}</p>
        <p>Your data is stored on this device and is safe. Reload the page to continue.</p>
        <button onClick={() => location.reload()}>Reload</button>
      </div>
    );
  }
}
