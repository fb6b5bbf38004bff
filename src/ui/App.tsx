import { Settings } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CameraPage } from './camera/CameraPage';
import { ComparePage } from './ComparePage';
import { DashboardPage } from './dashboard/DashboardPage';
import { DatasetPage } from './dataset/DatasetPage';
import { LibraryPage } from './library/LibraryPage';
import { DatabasePage } from './recognition/DatabasePage';
import { RecognisePage } from './recognition/RecognisePage';
import { restoreSession } from '../state/session';
import { SettingsDialog } from './settings/SettingsDialog';
import { EngineError, EngineStatus } from './shell/EngineStatus';
import { PwaStatus } from './shell/PwaStatus';
import { WriteLockStatus } from './shell/WriteLockStatus';
import './shell/app-bar.css';

/**
 * The tabs, in the app bar's order, and the page each opens. A new tab is one line here: the bar
 * scrolls sideways on a phone and holds eight or so on a laptop.
 */
const tabs = [
  { id: 'dataset', label: 'Dataset', Page: DatasetPage },
  { id: 'library', label: 'Your photos', Page: LibraryPage },
  { id: 'databases', label: 'Face databases', Page: DatabasePage },
  { id: 'recognise', label: 'Recognise', Page: RecognisePage },
  { id: 'dashboard', label: 'Dashboard', Page: DashboardPage },
  { id: 'camera', label: 'Camera', Page: CameraPage },
  { id: 'compare', label: 'Compare faces', Page: ComparePage },
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
  const [settingsOpen, setSettingsOpen] = useState(false);
  const tabButtons = useRef(new Map<TabId, HTMLButtonElement>());
  const moveFocus = useRef(false);
  useEffect(() => {
    const button = tabButtons.current.get(tab);
    // The open tab scrolls into view in the phone's sideways bar.
    button?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (!moveFocus.current) return;
    moveFocus.current = false;
    button?.focus();
  }, [tab]);
  function onTabKey(e: KeyboardEvent) {
    const to = nextTab(tab, e.key);
    if (!to) return;
    e.preventDefault();
    moveFocus.current = true;
    location.hash = to;
  }
  useEffect(() => {
    void restoreSession();
  }, []);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const { Page } = tabs.find((t) => t.id === tab)!;
  return (
    <>
      <header className="app-bar">
        <h1 className="brand">
          <img src="/icon.svg" alt="" width={28} height={28} /> Likeness
        </h1>
        <nav className="tab-nav" aria-label="Pages">
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
        <EngineStatus />
        <button
          type="button"
          className="ghost settings-button"
          aria-haspopup="dialog"
          aria-label="Settings"
          onClick={() => setSettingsOpen(true)}
          data-testid="open-settings"
        >
          <Settings size={20} aria-hidden />
          <span className="label">Settings</span>
        </button>
      </header>
      <main>
        <div className="bar-notices">
          <EngineError />
          <WriteLockStatus />
        </div>
        <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
          <Page />
        </div>
      </main>
      <aside className="toasts" aria-label="Notices">
        <PwaStatus />
      </aside>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
