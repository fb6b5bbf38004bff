import { useState } from 'react';
import { ComparePage } from './ComparePage';
import { EngineBar } from './EngineBar';

const tabs = [{ id: 'compare', label: 'Compare faces' }] as const;
type TabId = (typeof tabs)[number]['id'];

export function App() {
  const [tab, setTab] = useState<TabId>('compare');
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src="/icon.svg" alt="" width={28} height={28} /> Likeness
        </h1>
        <p className="tagline">
          Face recognition that runs entirely in your browser. No image leaves this device.
        </p>
        <EngineBar />
        <nav className="tabs" role="tablist">
          {tabs.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </nav>
      </header>
      <main>{tab === 'compare' && <ComparePage />}</main>
    </div>
  );
}
