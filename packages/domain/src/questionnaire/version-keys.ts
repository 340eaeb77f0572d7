/**
 * Indicator keys across questionnaire versions.
 *
 * Results are compared between rounds by indicator key, so a key must mean the same
 * statement and the same criteria in every version that carries it:
 *
 * - an indicator whose statement and criteria are unchanged keeps its key;
 * - an indicator whose statement or criteria changed gets a new key: its key without an
 *   earlier version suffix, plus `-v<new version>` (`…trygghet` → `…trygghet-v2`);
 * - a new indicator gets `<area key>.<words of its statement>`, made unique.
 *
 * Whitespace differences (leading, trailing, repeated) are not changes. Evidence hints are
 * guidance, not part of what is rated, so changing them keeps the key.
 */

export interface PreviousIndicator {
  key: string;
  statement: string;
  criteria: readonly string[];
}

export interface EditedIndicator {
  /** The key of the indicator in the previous version this one was edited from, or null for a new one. */
  sourceKey: string | null;
  /** The area the indicator belongs to in the edited version (used for new keys). */
  areaKey: string;
  statement: string;
  criteria: readonly string[];
}

export interface VersionKeysOptions {
  /** The version number the edited questionnaire will be published as. */
  version: number;
  /** Keys ever used in this questionnaire's history; a new key never reuses one of them. */
  reserved?: Iterable<string>;
}

const VERSION_SUFFIX = /-v\d+$/;

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function sameContent(
  a: { statement: string; criteria: readonly string[] },
  b: { statement: string; criteria: readonly string[] },
): boolean {
  return (
    normalise(a.statement) === normalise(b.statement) &&
    a.criteria.length === b.criteria.length &&
    a.criteria.every((c, i) => normalise(c) === normalise(b.criteria[i] ?? ''))
  );
}

const TRANSLITERATION: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u', æ: 'ae', ø: 'o' };

/** 'Eleverna får återkoppling på sitt lärande' → 'eleverna-far-aterkoppling-pa' (at most four words). */
export function keySlug(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[åäöéèüæø]/g, (c) => TRANSLITERATION[c] ?? c)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 4);
  const slug = words.join('-').slice(0, 40).replace(/-+$/, '');
  return slug.length > 0 ? slug : 'indikator';
}

/** The keys of the edited indicators, in the same order. */
export function versionKeys(
  previous: readonly PreviousIndicator[],
  edited: readonly EditedIndicator[],
  options: VersionKeysOptions,
): string[] {
  const byKey = new Map(previous.map((p) => [p.key, p]));
  const taken = new Set<string>([...(options.reserved ?? []), ...byKey.keys()]);
  const usedSources = new Set<string>();
  const assigned = new Set<string>();
  const unique = (candidates: string[], fallback: string): string => {
    for (const candidate of candidates) if (!taken.has(candidate) && !assigned.has(candidate)) return candidate;
    for (let n = 2; ; n++) {
      const candidate = `${fallback}-${n}`;
      if (!taken.has(candidate) && !assigned.has(candidate)) return candidate;
    }
  };

  return edited.map((indicator) => {
    const source = indicator.sourceKey !== null && !usedSources.has(indicator.sourceKey) ? byKey.get(indicator.sourceKey) : undefined;
    let key: string;
    if (source) {
      usedSources.add(source.key);
      if (sameContent(source, indicator) && !assigned.has(source.key)) {
        key = source.key;
      } else {
        const changed = `${source.key.replace(VERSION_SUFFIX, '')}-v${options.version}`;
        key = unique([changed], changed);
      }
    } else {
      const base = `${indicator.areaKey}.${keySlug(indicator.statement)}`;
      const versioned = `${base}-v${options.version}`;
      key = unique([base, versioned], versioned);
    }
    assigned.add(key);
    return key;
  });
}
