import { Injectable, Logger } from '@nestjs/common';
import { DailyReportPart, DailyReportSection } from './daily-report-section';

/** The sections of the daily report; each module registers its own on init. */
@Injectable()
export class DailyReportRegistry {
  private readonly logger = new Logger(DailyReportRegistry.name);
  private readonly registered: DailyReportSection[] = [];

  register(section: DailyReportSection): void {
    if (!this.registered.includes(section)) this.registered.push(section);
  }

  sections(): readonly DailyReportSection[] {
    const order = (s: DailyReportSection) => s.order ?? Number.MAX_SAFE_INTEGER;
    return this.registered
      .map((section, index) => ({ section, index }))
      .sort((a, b) => order(a.section) - order(b.section) || a.index - b.index)
      .map(({ section }) => section);
  }

  /** Every section's lines for the period; a section that fails says so instead of sinking the report. */
  build(since: Date, until: Date): Promise<DailyReportPart[]> {
    return Promise.all(
      this.sections().map(async (section) => {
        try {
          return { title: section.title, lines: await section.lines(since, until) };
        } catch (error) {
          this.logger.error({ err: error, section: section.title }, 'Daily report section failed');
          return { title: section.title, lines: ['(this section could not be computed)'] };
        }
      }),
    );
  }
}
