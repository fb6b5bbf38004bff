import { Dialog } from '../kit/Dialog';
import { Details } from '../kit/Details';
import { EngineSettings } from './EngineSettings';
import { StoragePanel } from './StoragePanel';
import './settings.css';

/**
 * Settings, out of the way of the work: the data this browser keeps and "Delete all my data"; the
 * engine's model, backend, face crop and your own model under a closed "Advanced".
 */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Settings" variant="sheet" testId="settings">
      <StoragePanel />
      <Details summary="Advanced: model and engine" testId="settings-advanced">
        <EngineSettings />
      </Details>
    </Dialog>
  );
}
