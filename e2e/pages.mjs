// @ts-check
/**
 * Page objects shared by the e2e tests and the scripts (`npm run evaluate`, `npm run bench`): each
 * control a test or script reaches is named once here, by tab, and the flows both run (open a tab,
 * pick a folder, build a face database, recognise, evaluate on the Dashboard) are written once.
 */

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').Locator} Locator */

/** @param {Page} page */
function controlsOf(page) {
  /** @param {string} testId */
  const id = (testId) => page.getByTestId(testId);
  return {
    /** The engine's status dot (data-status, data-backend), its words on demand, and the offline notices. */
    engine: {
      dot: id('engine-dot'),
      backendName: id('backend-name'),
      engineStatus: id('engine-status'),
      /** Where the chosen model's weights come from, and their licence. */
      modelFacts: id('model-facts'),
      pwaOfflineReady: id('pwa-offline-ready'),
      pwaProgress: id('pwa-progress'),
    },
    /** The Settings sheet: storage, "Delete all my data", and the engine's settings under Advanced. */
    settings: {
      open: id('open-settings'),
      dialog: id('settings'),
      advanced: id('settings-advanced'),
      storageEstimate: id('storage-estimate'),
      storagePersistence: id('storage-persistence'),
      eraseAll: id('erase-all'),
      eraseConfirm: id('erase-confirm'),
      eraseDone: id('erase-done'),
    },
    /** The Dataset tab: the folder picker, the import, the people chart and the image grid. */
    dataset: {
      folderInput: id('folder-input'),
      /** The picker offered to resume an interrupted import. */
      resumeInput: id('resume-input'),
      importStatus: id('import-status'),
      importRate: id('import-rate'),
      importInterrupted: id('import-interrupted'),
      cancelImport: id('cancel-import'),
      peopleCount: id('people-count'),
      imageCount: id('image-count'),
      datasetSelect: id('dataset-select'),
      deleteDataset: id('delete-dataset'),
      confirmDelete: id('confirm-delete'),
      personFilter: id('identity-filter'),
      personChart: id('identity-chart'),
      photoCountChart: id('photo-count-chart'),
      personSearch: id('person-search'),
      personSearchCount: id('person-search-count'),
      personRow: id('person-row'),
      imageGrid: id('image-grid'),
      gridCell: id('grid-cell'),
      skippedReport: id('skipped-report'),
      skippedRow: id('skipped-row'),
    },
    /** "Try the sample" on the Dataset tab. */
    sample: {
      card: id('sample-card'),
      trySample: id('try-sample'),
      status: id('sample-status'),
      cancel: id('sample-cancel'),
      attribution: id('sample-attribution'),
    },
    /** "Your photos": a photo library's import, its job line and its face groups. */
    library: {
      input: id('library-input'),
      addInput: id('library-add-input'),
      confirm: id('library-confirm'),
      pending: id('library-pending'),
      status: id('library-status'),
      cancel: id('library-cancel'),
      resume: id('library-resume'),
      groups: id('library-groups'),
      group: id('face-group'),
      groupCount: id('face-group-count'),
      groupName: id('face-group-name'),
      groupSave: id('face-group-save'),
      groupMergeWith: id('face-group-merge-with'),
      groupMerge: id('face-group-merge'),
      facePick: id('face-pick'),
      moveTo: id('selection-move-to'),
      move: id('selection-move'),
      undo: id('library-undo'),
      redo: id('library-redo'),
      exportZip: id('export-zip'),
      exportStatus: id('export-status'),
      makeDataset: id('library-make-dataset'),
      goDatabases: id('library-go-databases'),
    },
    /** The Face databases tab: the enrolment form, the list of databases, export and import. */
    database: {
      perPerson: id('per-person'),
      testPerPerson: id('test-per-person'),
      seed: id('seed'),
      build: id('build-database'),
      databaseRow: id('database-row'),
      leftOut: id('left-out'),
      resumeNotice: id('resume-notice'),
      resumeEnrolment: id('resume-enrolment'),
      exportDatabase: id('export-database'),
      importDatabaseFile: id('import-database-file'),
      transferNotice: id('transfer-notice'),
      transferError: id('transfer-error'),
    },
    /** The progress line of the current long job (enrolment, recognition, evaluation). */
    job: {
      count: id('job-count'),
      done: id('job-done'),
    },
    /** The Recognise tab: the run, the live threshold, the accuracy panel. */
    recognise: {
      dataset: id('rec-dataset'),
      importedNote: id('rec-imported-note'),
      run: id('run-recognition'),
      threshold: id('threshold'),
      thresholdValue: id('threshold-value'),
      thresholdMeaning: id('threshold-meaning'),
      onlyMistakes: id('only-mistakes'),
      accuracyPanel: id('accuracy-panel'),
      tested: id('tested'),
      top1: id('top1'),
      noMatchRate: id('no-match-rate'),
    },
    /** The Camera tab and its snapshot. */
    camera: {
      database: id('camera-database'),
      error: id('camera-error'),
      status: id('camera-status'),
      threshold: id('camera-threshold'),
      snapshot: id('snapshot'),
      snapshotFace: id('snapshot-face'),
      snapshotFaceLabel: id('snapshot-face-label'),
      snapshotRanked: id('snapshot-ranked'),
      snapshotTime: id('snapshot-time'),
      snapshotWhy: id('snapshot-why'),
      savePerson: id('save-person'),
      saveResult: id('save-result'),
      saveToPerson: id('save-to-person'),
    },
    /** The face detail dialog, opened from a recognition tile or a camera face. */
    detail: {
      dialog: id('face-detail'),
      close: id('face-detail-close'),
      crop: id('detail-crop'),
      person: id('detail-person'),
      truth: id('detail-truth'),
      thresholdMarker: id('threshold-marker'),
    },
    /** The Compare tab. */
    compare: {
      input: id('compare-input'),
      crops: id('compare-crops'),
      timing: id('compare-timing'),
      useSnapshot: id('compare-use-snapshot'),
      verdict: id('compare-verdict'),
      /** The verdict's headline: "Same person", "Not sure" or "Different people". */
      verdictTitle: id('compare-verdict-title'),
      distanceMatrix: id('distance-matrix'),
    },
    /** The Dashboard tab: the evaluation form, its charts and tables, per person, suspects and near-duplicates. */
    dashboard: {
      dataset: id('dash-dataset'),
      testPerPerson: id('dash-test-per-person'),
      maxEnrol: id('dash-max-enrol'),
      seed: id('dash-seed'),
      strangers: id('dash-strangers'),
      evaluate: id('dash-evaluate'),
      results: id('dash-results'),
      threshold: id('dash-threshold'),
      applyEer: id('apply-eer'),
      applyFar1: id('apply-far1'),
      tableAccuracy: id('table-accuracy'),
      tableOpenSet: id('table-open-set'),
      tableRules: id('table-rules'),
      rocAuc: id('roc-auc'),
      chartAccuracy: id('chart-accuracy'),
      chartAccuracyPng: id('chart-accuracy-png'),
      chartOpenSet: id('chart-open-set'),
      chartRoc: id('chart-roc'),
      csvAccuracy: id('csv-accuracy'),
      chartPerPerson: id('chart-per-person'),
      chartConfusion: id('chart-confusion'),
      chartConfusionPng: id('chart-confusion-png'),
      suspectRow: id('suspect-row'),
      suspectsSummary: id('suspects-summary'),
      duplicateRow: id('duplicate-row'),
      duplicatesSummary: id('duplicates-summary'),
    },
  };
}

/** @typedef {ReturnType<typeof controlsOf>} Controls */

/** @type {WeakMap<Page, Controls>} */
const controls = new WeakMap();

/**
 * The app's controls on this page, by tab: `ui(page).database.build`. Locators are lazy, so one set
 * serves the page for its whole life.
 * @param {Page} page
 * @returns {Controls}
 */
export function ui(page) {
  let c = controls.get(page);
  if (!c) {
    c = controlsOf(page);
    controls.set(page, c);
  }
  return c;
}

/** @typedef {'dataset' | 'library' | 'databases' | 'recognise' | 'camera' | 'compare' | 'dashboard'} Tab */

/**
 * Opens one tab of the app this page already shows (its hash route).
 * @param {Page} page
 * @param {Tab} tab
 */
export async function openTab(page, tab) {
  await page.goto(new URL(`#${tab}`, page.url()).href);
}

/**
 * Opens Settings, and its Advanced section (the engine's model, backend and face crop) when asked.
 * @param {Page} page
 * @param {{ advanced?: boolean }} [options]
 */
export async function openSettings(page, { advanced = false } = {}) {
  const { settings } = ui(page);
  if (!(await settings.dialog.isVisible())) await settings.open.click();
  await settings.dialog.waitFor({ state: 'visible' });
  if (advanced && !(await settings.advanced.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open)))
    await settings.advanced.locator('summary').click();
}

/**
 * Closes Settings (Escape, as a keyboard user would).
 * @param {Page} page
 */
export async function closeSettings(page) {
  await page.keyboard.press('Escape');
  await ui(page).settings.dialog.waitFor({ state: 'hidden' });
}

/**
 * Chooses the engine's backend, model and/or face crop in Settings, as a user would, then closes
 * Settings; the caller waits for the engine to run them.
 * @param {Page} page
 * @param {{ backend?: string; model?: string; crop?: string }} choice
 */
export async function chooseEngine(page, { backend, model, crop }) {
  await openSettings(page, { advanced: true });
  const dialog = ui(page).settings.dialog;
  if (backend) await dialog.getByLabel('Backend', { exact: true }).selectOption(backend);
  if (model) await dialog.getByLabel('Model', { exact: true }).selectOption(model);
  if (crop) await dialog.getByLabel('Face crop', { exact: true }).selectOption(crop);
  await closeSettings(page);
}

/**
 * Picks a folder in a folder picker of the Dataset tab (the page must show it), as a user would.
 * @param {Page} page
 * @param {string} dir
 * @param {Locator} [input] another folder picker than the Dataset tab's main one
 */
export async function pickFolder(page, dir, input = ui(page).dataset.folderInput) {
  await input.setInputFiles(dir);
}

/**
 * Fills the Face databases form (a field left undefined keeps its value) and starts building; the
 * caller waits for the job in its own way.
 * @param {Page} page
 * @param {{ perPerson?: string | number; testPerPerson?: string | number; seed?: string | number }} form
 */
export async function buildDatabase(page, { perPerson, testPerPerson, seed }) {
  await openTab(page, 'databases');
  const { database } = ui(page);
  if (perPerson !== undefined) await database.perPerson.fill(String(perPerson));
  if (testPerPerson !== undefined) await database.testPerPerson.fill(String(testPerPerson));
  if (seed !== undefined) await database.seed.fill(String(seed));
  await database.build.click();
}

/**
 * Opens Recognise and runs the chosen database on its held-out images; the caller waits.
 * @param {Page} page
 */
export async function runRecognition(page) {
  await openTab(page, 'recognise');
  await ui(page).recognise.run.click();
}

/**
 * Fills the Dashboard's evaluation form and starts it; the caller waits. `strangers`: a dataset's name,
 * a number of the dataset's own people kept out, or null for none; undefined leaves a field as it is.
 * @param {Page} page
 * @param {{ dataset?: string; testPerPerson: string | number; maxEnrol: string | number; seed?: string | number; strangers?: string | number | null }} form
 */
export async function evaluateOnDashboard(page, { dataset, testPerPerson, maxEnrol, seed, strangers }) {
  await openTab(page, 'dashboard');
  const { dashboard } = ui(page);
  if (dataset !== undefined) await dashboard.dataset.selectOption({ label: dataset });
  await dashboard.testPerPerson.fill(String(testPerPerson));
  await dashboard.maxEnrol.fill(String(maxEnrol));
  if (seed !== undefined) await dashboard.seed.fill(String(seed));
  if (strangers === null) await dashboard.strangers.selectOption('none');
  else if (typeof strangers === 'number') {
    await dashboard.strangers.selectOption('held-out');
    await page.getByTestId('dash-held-out').fill(String(strangers));
  } else if (strangers !== undefined)
    await dashboard.strangers.selectOption({ label: `dataset: ${strangers}` });
  await dashboard.evaluate.click();
}

/**
 * Picks a folder on "Your photos" (a new library, or with `add` more photos for the shown one),
 * confirms the storage it needs when asked, and waits until its faces are found and grouped.
 * Returns the job line's text; throws with the app's message when the job fails.
 * @param {Page} page
 * @param {string} dir
 * @param {{ add?: boolean, timeout?: number }} [options]
 */
export async function importLibrary(page, dir, { add = false, timeout = 3_600_000 } = {}) {
  await openTab(page, 'library');
  const { library } = ui(page);
  const runs = () => page.evaluate(() => window.likeness?.snapshot().libraryJob.runs ?? 0);
  const before = await runs();
  await (add ? library.addInput : library.input).setInputFiles(dir);
  // A large pick first shows the storage it needs, and waits for "Import photos".
  while ((await runs()) === before) {
    if (await library.pending.isVisible()) await library.confirm.click();
    await page.waitForTimeout(200);
  }
  await page.waitForFunction(
    () => ['done', 'error', 'cancelled'].includes(window.likeness?.snapshot().libraryJob.job ?? ''),
    undefined,
    { timeout, polling: 500 },
  );
  const status = library.status;
  if ((await status.getAttribute('data-status')) !== 'done')
    throw new Error(`The library failed: ${await status.textContent()}`);
  // The job ends a moment before the page shows the library it made.
  await page.waitForFunction(() => window.likeness?.snapshot().library?.status === 'ready', undefined, {
    timeout: 30_000,
  });
  return status.textContent();
}
