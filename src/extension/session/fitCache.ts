// Each selected curve's latest analysis (with what it was fitted to) or the error its fit ended in.
import type { CachedAnalysis } from './sessionDeps';

export class FitCache {
  private readonly analyses = new Map<string, CachedAnalysis>();
  private readonly errors = new Map<string, string>();

  get(id: string): CachedAnalysis | undefined {
    return this.analyses.get(id);
  }

  has(id: string): boolean {
    return this.analyses.has(id);
  }

  error(id: string): string | undefined {
    return this.errors.get(id);
  }

  hasError(id: string): boolean {
    return this.errors.has(id);
  }

  landed(id: string, fit: CachedAnalysis): void {
    this.analyses.set(id, fit);
    this.errors.delete(id);
  }

  failed(id: string, message: string): void {
    this.analyses.delete(id);
    this.errors.set(id, message);
  }
}
