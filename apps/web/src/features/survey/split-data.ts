import { areaCommentName } from '@kvalitetshjulet/domain';

const COMMENT_PREFIX = areaCommentName('');

/** SurveyJS keeps answers and area comments in one object; the API takes them apart. */
export function splitSurveyData(data: Record<string, unknown>): { answers: Record<string, unknown>; comments: Record<string, unknown> } {
  const answers: Record<string, unknown> = {};
  const comments: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (name.startsWith(COMMENT_PREFIX)) comments[name.slice(COMMENT_PREFIX.length)] = value;
    else answers[name] = value;
  }
  return { answers, comments };
}

export function joinSurveyData(answers: Record<string, unknown>, comments: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...answers };
  for (const [area, text] of Object.entries(comments)) data[areaCommentName(area)] = text;
  return data;
}
