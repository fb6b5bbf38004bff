import { create } from 'zustand';
import { isMatchRule, type MatchRule } from '../core/matcher';

const ruleKey = 'likeness.match-rule';

function loadRule(): MatchRule {
  try {
    const stored = localStorage.getItem(ruleKey);
    return isMatchRule(stored) ? stored : 'average';
  } catch {
    return 'average';
  }
}

interface SettingsStore {
  /** How the Recognise tab matches a probe; kept in this browser. */
  matchRule: MatchRule;
  setMatchRule(rule: MatchRule): void;
}

export const useSettings = create<SettingsStore>((set) => ({
  matchRule: loadRule(),
  setMatchRule(rule) {
    try {
      localStorage.setItem(ruleKey, rule);
    } catch {
      // Private mode: the choice still holds for this session.
    }
    set({ matchRule: rule });
  },
}));
