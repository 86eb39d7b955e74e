import { rowsOf } from './rows';

describe('rowsOf', () => {
  it("unwraps TypeORM's [rows, count] for UPDATE … RETURNING and leaves plain rows alone", () => {
    expect(rowsOf([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(rowsOf([[], 0])).toEqual([]);
    expect(rowsOf([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(rowsOf([])).toEqual([]);
  });
});
