import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CameraPage } from './camera/CameraPage';
import { ComparePage } from './ComparePage';
import { DashboardPage } from './dashboard/DashboardPage';
import { DatasetPage } from './dataset/DatasetPage';
import { EngineBar } from './EngineBar';
import { LibraryPage } from './library/LibraryPage';
import { PwaStatus } from './PwaStatus';
import { DatabasePage } from './recognition/DatabasePage';
import { RecognisePage } from './recognition/RecognisePage';
import { WriteLockStatus } from './WriteLockStatus';

const tabs = [
  { id: 'dataset', label: 'Dataset' },
  { id: 'library', label: 'Your photos' },
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

/** Arrow keys, Home and End move between tabs (the ARIA tabs pattern); one Tab stop for the bar. */
function nextTab(current: TabId, key: string): TabId | null {
  const i = tabs.findIndex((t) => t.id === current);
  const last = tabs.length - 1;
  const to =
    key === 'ArrowRight' || key === 'ArrowDown'
      ? (i + 1) % tabs.length
      : key === 'ArrowLeft' || key === 'ArrowUp'
        ? (i + last) % tabs.length
        : key === 'Home'
          ? 0
          : key === 'End'
            ? last
            : null;
  return to === null ? null : tabs[to]!.id;
}

export function App() {
  const [tab, setTab] = useState<TabId>(tabFromHash);
  const tabButtons = useRef(new Map<TabId, HTMLButtonElement>());
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    tabButtons.current.get(tab)?.focus();
  }, [tab]);
  function onTabKey(e: KeyboardEvent) {
    const to = nextTab(tab, e.key);
    if (!to) return;
    e.preventDefault();
    moveFocus.current = true;
    location.hash = to;
  }
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
        <WriteLockStatus />
        <nav aria-label="Pages">
          <div className="tabs" role="tablist" aria-label="Pages" onKeyDown={onTabKey}>
            {tabs.map((t) => (
              <button
                key={t.id}
                ref={(el) => {
                  if (el) tabButtons.current.set(t.id, el);
                  else tabButtons.current.delete(t.id);
                }}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="tab-panel"
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => {
                  location.hash = t.id;
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
        </nav>
      </header>
      <main>
        <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
          {tab === 'dataset' && <DatasetPage />}
          {tab === 'library' && <LibraryPage />}
          {tab === 'databases' && <DatabasePage />}
          {tab === 'recognise' && <RecognisePage />}
          {tab === 'dashboard' && <DashboardPage />}
          {tab === 'camera' && <CameraPage />}
          {tab === 'compare' && <ComparePage />}
        </div>
      </main>
    </div>
  );
}
