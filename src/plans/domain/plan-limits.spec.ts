import { PLAN_LIMITS, planChars, planSizeProblem } from './plan-limits';

const section = (heading: string, body: string) => ({ heading, body });

describe('plan limits', () => {
  it('counts headings and bodies in characters, an emoji as one', () => {
    expect(planChars([section('Phần I', 'Đề án'), section('😀', '😀😀')])).toBe(6 + 5 + 1 + 2);
  });

  it('allows exactly 5,000,000 characters and refuses one more, headings included', () => {
    const body = 'a'.repeat(200_000);
    const full = Array.from({ length: 25 }, () => section('', body));
    expect(planChars(full)).toBe(PLAN_LIMITS.totalChars);
    expect(planSizeProblem(full)).toBeNull();
    expect(planSizeProblem([...full.slice(0, 24), section('H', body)])).toEqual({ chars: 5_000_001, max: 5_000_000 });
  });

  it('counts emoji as one character each past the UTF-16 fast path', () => {
    // 2,600,000 emoji are 5,200,000 UTF-16 units but 2,600,000 characters: within the limit.
    const emoji = Array.from({ length: 13 }, () => section('', '😀'.repeat(200_000)));
    expect(planSizeProblem(emoji)).toBeNull();
    expect(planChars(emoji)).toBe(2_600_000);
  });
});
