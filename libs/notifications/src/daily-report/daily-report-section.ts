/**
 * A part of the daily report mailed to superadmins. A module adds its own by registering with
 * `DailyReportRegistry` when it starts:
 *
 * ```ts
 * @Injectable()
 * export class ImportsReportSection implements DailyReportSection, OnModuleInit {
 *   readonly title = 'Imports';
 *   constructor(private readonly registry: DailyReportRegistry) {}
 *   onModuleInit() { this.registry.register(this); }
 *   async lines(since: Date, until: Date) { return [`Imports run: ${await this.count(since, until)}`]; }
 * }
 * ```
 */
export interface DailyReportSection {
  readonly title: string;
  /** Lower comes first; sections without one keep their registration order, after those with one. */
  readonly order?: number;
  lines(since: Date, until: Date): Promise<string[]>;
}

export interface DailyReportPart {
  title: string;
  lines: string[];
}
