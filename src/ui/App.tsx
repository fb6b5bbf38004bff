import { useEffect, useState } from 'react';
import { CameraPage } from './camera/CameraPage';
import { ComparePage } from './ComparePage';
import { DashboardPage } from './dashboard/DashboardPage';
import { DatasetPage } from './dataset/DatasetPage';
import { EngineBar } from './EngineBar';
import { PwaStatus } from './PwaStatus';
import { DatabasePage } from './recognition/DatabasePage';
import { RecognisePage } from './recognition/RecognisePage';

const tabs = [
  { id: 'dataset', label: 'Dataset' },
  { id: 'databases', label: 'Face databases' },
  { id: 'recognise', label: 'Recognise' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'camera', label: 'Camera' },
  { id: 'compare', label: 'Compare faces' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** The open tab lives in the URL hash, so a reload comes back to it. */
function tabFromHash(): TabId {
  const id = location.hash.slice(1);
  return tabs.find((t) => t.id === id)?.id ?? 'dataset';
}

export function App() {
  const [tab, setTab] = useState<TabId>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
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
        <PwaStatus />
        <nav className="tabs" role="tablist">
          {tabs.map((t) => (
            <button
              key={t.id}
              role="tab"
              aria-selected={tab === t.id}
              onClick={() => {
                location.hash = t.id;
              }}
            >
              {t.label}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {tab === 'dataset' && <DatasetPage />}
        {tab === 'databases' && <DatabasePage />}
        {tab === 'recognise' && <RecognisePage />}
        {tab === 'dashboard' && <DashboardPage />}
        {tab === 'camera' && <CameraPage />}
        {tab === 'compare' && <ComparePage />}
      </main>
    </div>
  );
}
