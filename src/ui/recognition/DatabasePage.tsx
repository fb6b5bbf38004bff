import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useCurrentDataset } from '../../state/dataset';
import { useEngineInfo } from '../../state/engine';
import { useRecognition } from '../../state/recognition';
import { useTransfer } from '../../state/transfer';
import { Card } from '../kit/Card';
import { Details } from '../kit/Details';
import { Field } from '../kit/Field';
import { SplitFields } from '../SplitFields';
import { JobProgress } from './JobProgress';
import { DatabaseList } from './DatabaseList';

function parseCounts(text: string): number[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
    ),
  ].filter((n) => Number.isInteger(n) && n > 0);
}

/** Build face databases from the current dataset; choose, rename, export, delete and resume them. */
export function DatabasePage() {
  const dataset = useCurrentDataset();
  const engine = useEngineInfo();
  const { databases, selectedId, job, interrupted, refresh, select, enrol, resume, cancel } =
    useRecognition();
  const [perPerson, setPerPerson] = useState('10');
  const [testPerPerson, setTestPerPerson] = useState(0);
  const [seed, setSeed] = useState(42);
  const [error, setError] = useState<string | null>(null);
  const transfer = useTransfer();
  const importInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = job.status === 'running';

  function submit(event: FormEvent) {
    event.preventDefault();
    const counts = parseCounts(perPerson);
    if (!dataset) return setError('Load a dataset first (Dataset tab).');
    if (counts.length === 0) return setError('Photos per person: enter whole numbers such as 10, 25, 50.');
    setError(null);
    void enrol({ datasetId: dataset.id, perPerson: counts, testPerPerson, seed });
  }

  return (
    <section aria-labelledby="db-title" className="page">
      <div className="page-head">
        <h2 id="db-title">Face databases</h2>
        <p>
          A face database knows each person by a face print averaged from a few of their photos. The photos it
          was not built from are kept to test it on the Recognise tab.
        </p>
      </div>
      {interrupted.length > 0 && !running && (
        <div className="notice" data-testid="resume-notice">
          {interrupted.map((group) => (
            <div key={group[0]!.id} className="row">
              <p>
                Building “{group.map((g) => g.name).join('”, “')}” was interrupted. The face prints made so
                far are kept.
              </p>
              <button type="button" onClick={() => void resume(group)} data-testid="resume-enrolment">
                Resume
              </button>
            </div>
          ))}
        </div>
      )}
      <div className="split">
        <Card title="Build a face database">
          <form className="stack" onSubmit={submit} aria-label="Build a face database">
            {dataset ? (
              <p className="small">
                From <strong>“{dataset.name}”</strong>: {dataset.identities.length} people,{' '}
                {dataset.imageCount} images. Photos are picked at random, the same ones again for the same
                seed.
              </p>
            ) : (
              <p className="small">
                No dataset yet: import photos on the <a href="#dataset">Dataset</a> tab first.
              </p>
            )}
            <Field
              label="Photos per person"
              help="One number, or several such as 10, 25, 50 to build one database for each."
            >
              {(control) => (
                <>
                  <input
                    {...control}
                    value={perPerson}
                    onChange={(e) => setPerPerson(e.target.value)}
                    list={`${control.id}-choices`}
                    inputMode="numeric"
                    data-testid="per-person"
                  />
                  <datalist id={`${control.id}-choices`}>
                    <option value="10" />
                    <option value="25" />
                    <option value="50" />
                    <option value="10, 25, 50" />
                  </datalist>
                </>
              )}
            </Field>
            <SplitFields
              testLabel="Kept for testing, per person"
              testPerPerson={testPerPerson}
              onTestPerPerson={setTestPerPerson}
              minTest={0}
              testHelp="0 keeps every photo that is not used to build it."
              seed={seed}
              onSeed={setSeed}
              testIds={{ testPerPerson: 'test-per-person', seed: 'seed' }}
            />
            {error && (
              <p role="alert" className="error-text">
                {error}
              </p>
            )}
            <div className="actions">
              <button
                type="submit"
                className="primary"
                disabled={running || !dataset || !engine}
                data-testid="build-database"
              >
                Build face database
              </button>
            </div>
            <JobProgress job={job} kind="enrol" onCancel={cancel} />
            <Details>
              <p>
                Model: {engine?.model.label ?? '…'}, {engine?.cropMode ?? '…'} crop. Each person’s face print
                is the average of their chosen photos’ face prints (unit-length embeddings, averaged and
                normalised again). A photo with several faces, or one far from the person’s other photos, is
                left out of the average.
              </p>
            </Details>
          </form>
        </Card>
        <DatabaseList
          databases={databases}
          selectedId={selectedId}
          running={running}
          onSelect={select}
          onImport={() => importInput.current?.click()}
        />
      </div>
      <input
        ref={importInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-database-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void transfer.importFile(file);
        }}
      />
    </section>
  );
}
