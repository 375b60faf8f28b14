import { derivedNames } from '../sql/derived-names';

/** An item (table or column) that must end up under another name; a restore comes from its aside name. */
export interface NameMove {
  id: string;
  from: string;
  to: string;
  restore: boolean;
}

export interface ScheduledMove extends NameMove {
  /** true when the move goes to a transient name to break a cycle (a swap of two names). */
  transient: boolean;
}

/**
 * Orders renames so that no name is taken while another item still holds it. `occupied` holds every
 * name in use before the moves. Cycles (a <-> b) go through a transient `_renaming_<id>` name.
 */
export function scheduleMoves(moves: NameMove[], occupied: Iterable<string>): ScheduledMove[] {
  const taken = new Set(occupied);
  const pending = moves.map((m) => ({ ...m }));
  const done: ScheduledMove[] = [];
  while (pending.length > 0) {
    const free = pending.findIndex((m) => !taken.has(m.to));
    if (free >= 0) {
      const [move] = pending.splice(free, 1);
      taken.delete(move.from);
      taken.add(move.to);
      done.push({ ...move, transient: false });
      continue;
    }
    // Every target is held by another pending item: move the holder of the first target out of the way.
    const holder = pending.find((m) => m.from === pending[0].to && !m.restore);
    if (!holder) throw new Error(`cannot free the name ${pending[0].to}`);
    const transient = derivedNames.renaming(holder.id);
    done.push({ id: holder.id, from: holder.from, to: transient, restore: false, transient: true });
    taken.delete(holder.from);
    taken.add(transient);
    holder.from = transient;
  }
  return done;
}
