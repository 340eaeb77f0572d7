import { type Kysely, sql } from 'kysely';

/**
 * A response no longer carries the day it was submitted. Participation (who has answered) keeps its
 * day, for the rektor's response rate; a response with the same day could be matched with it: in a
 * small team, the only person who submitted on a given day is linked to their answers. A response's
 * submitted_on now holds its round's opening day, the same for every response of the round.
 *
 * Enforced in the database (a trigger), so every writer – the survey, the demo seed, imports, bench
 * data – stores the round's day whatever it passes; existing rows are rewritten the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function responses_round_day() returns trigger language plpgsql as $$
    begin
      new.submitted_on := (select r.opens_on from rounds r where r.organizer_id = new.organizer_id and r.id = new.round_id);
      return new;
    end;
    $$`.execute(db);
  await sql`
    create trigger responses_round_day before insert or update of submitted_on, round_id on responses
    for each row execute function responses_round_day()`.execute(db);
  await sql`
    update responses re set submitted_on = r.opens_on
    from rounds r where r.organizer_id = re.organizer_id and r.id = re.round_id and re.submitted_on <> r.opens_on`.execute(db);
}
