import { todayIn } from '@kvalitetshjulet/api';
import { demoTermNames } from '@kvalitetshjulet/db-files/seeds/demo';

/**
 * The demo's term names as the server seeds them today (e.g. "Hösten 2025", "Våren 2026", "Hösten 2026"),
 * so that the journeys do not depend on the date they run.
 */
export const [OLDEST_TERM, PREVIOUS_TERM, OPEN_TERM] = demoTermNames(todayIn(new Date()));
