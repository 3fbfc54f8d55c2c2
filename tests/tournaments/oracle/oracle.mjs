// Plays brackets with brackets-manager (the better seed always wins) and prints, per case,
// the pairings of every played match by group and round (as seed indices) and the final
// standings. Reads a JSON list of cases on stdin: {type, n, size?, consolationFinal?, mode?}.
import { BracketsManager } from 'brackets-manager';
import { InMemoryDatabase } from 'brackets-memory-db';

const READY = 2;

async function play(testCase) {
  const storage = new InMemoryDatabase();
  const manager = new BracketsManager(storage);
  const seeding = Array.from({ length: testCase.n }, (_, i) => `S${i}`);
  const settings = testCase.type === 'round_robin'
    ? { groupCount: 1, roundRobinMode: testCase.mode ?? 'simple' }
    : {
        size: testCase.size,
        seedOrdering: ['inner_outer'],
        grandFinal: 'double',
        consolationFinal: testCase.consolationFinal ?? false,
      };
  await manager.create.stage({ tournamentId: 0, name: 'oracle', type: testCase.type, seeding, settings });
  const seedOf = new Map(storage.data.participant.map((p) => [p.id, Number(p.name.slice(1))]));
  for (;;) {
    const ready = storage.data.match.filter(
      (m) => m.status === READY && m.opponent1?.id != null && m.opponent2?.id != null,
    );
    if (ready.length === 0) break;
    for (const m of ready) {
      const homeWins = seedOf.get(m.opponent1.id) < seedOf.get(m.opponent2.id);
      await manager.update.match({
        id: m.id,
        opponent1: { score: homeWins ? 1 : 0, result: homeWins ? 'win' : 'loss' },
        opponent2: { score: homeWins ? 0 : 1, result: homeWins ? 'loss' : 'win' },
      });
    }
  }
  const groupNumber = new Map(storage.data.group.map((g) => [g.id, g.number]));
  const roundNumber = new Map(storage.data.round.map((r) => [r.id, r.number]));
  const matches = storage.data.match
    .filter((m) => m.opponent1?.id != null && m.opponent2?.id != null && m.opponent1.result)
    .map((m) => ({
      group: groupNumber.get(m.group_id),
      round: roundNumber.get(m.round_id),
      number: m.number,
      home: seedOf.get(m.opponent1.id),
      away: seedOf.get(m.opponent2.id),
    }));
  const options = testCase.type === 'round_robin'
    ? { rankingFormula: (item) => 3 * item.wins + item.draws }
    : undefined;
  const standings = (await manager.get.finalStandings(0, options))
    .map((s) => ({ seed: seedOf.get(s.id), rank: s.rank }));
  return { matches, standings };
}

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk) => { data += chunk; });
  process.stdin.on('end', () => resolve(data));
}));
const results = [];
for (const testCase of input) results.push(await play(testCase));
process.stdout.write(JSON.stringify(results));
