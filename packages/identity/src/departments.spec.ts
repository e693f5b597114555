import { describe, expect, it } from 'vitest';
import { demoDepartments } from './demo';
import { createDepartmentTree, type Department, governmentOf, rootOf } from './departments';
import {
  DepartmentCycle,
  DuplicateDepartment,
  InvalidDepartment,
  MisplacedDepartment,
  UnknownDepartment,
  UnknownParentDepartment,
} from './errors';

const tree = createDepartmentTree(demoDepartments);
const ids = (departments: Department[]): string[] => departments.map((d) => d.id);

describe('department tree validation', () => {
  it('refuses a duplicate id', () => {
    expect(() =>
      createDepartmentTree([
        { id: 'd', name: '区', kind: 'district' },
        { id: 'd', name: '区2', kind: 'district' },
      ]),
    ).toThrow(DuplicateDepartment);
  });

  it('refuses a parent that is not in the list', () => {
    const attempt = () =>
      createDepartmentTree([{ id: 's', name: '街道', parent: 'nowhere', kind: 'street' }]);
    expect(attempt).toThrow(UnknownParentDepartment);
    expect(attempt).toThrow(/s names unknown parent nowhere/);
  });

  it('refuses a cycle and names it', () => {
    const attempt = () =>
      createDepartmentTree([
        { id: 'a', name: 'A', parent: 'b', kind: 'street' },
        { id: 'b', name: 'B', parent: 'a', kind: 'street' },
      ]);
    expect(attempt).toThrow(DepartmentCycle);
    expect(attempt).toThrow(/a → b → a/);
  });

  it('refuses a department that is its own parent', () => {
    expect(() => createDepartmentTree([{ id: 'a', name: 'A', parent: 'a', kind: 'district' }])).toThrow(
      DepartmentCycle,
    );
  });

  it('refuses placements outside district → street → community', () => {
    const district: Department = { id: 'd', name: '区', kind: 'district' };
    expect(() =>
      createDepartmentTree([district, { id: 'c', name: '社区', parent: 'd', kind: 'community' }]),
    ).toThrow(MisplacedDepartment);
    expect(() => createDepartmentTree([{ id: 's', name: '街道', kind: 'street' }])).toThrow(
      MisplacedDepartment,
    );
    expect(() =>
      createDepartmentTree([district, { id: 'd2', name: '区2', parent: 'd', kind: 'district' }]),
    ).toThrow(MisplacedDepartment);
  });

  it('refuses ids that cannot travel in actors and stream names', () => {
    expect(() => createDepartmentTree([{ id: 'Huang Pu', name: '区', kind: 'district' }])).toThrow(
      InvalidDepartment,
    );
    expect(() => createDepartmentTree([{ id: 'x'.repeat(65), name: '区', kind: 'district' }])).toThrow(
      InvalidDepartment,
    );
    expect(() => createDepartmentTree([{ id: 'd', name: '  ', kind: 'district' }])).toThrow(
      InvalidDepartment,
    );
  });
});

describe('department tree queries', () => {
  it('a department contains itself and its whole subtree', () => {
    expect(tree.contains('huangpu-market', 'huangpu-market')).toBe(true);
    expect(tree.contains('huangpu', 'huangpu-market')).toBe(true);
    expect(tree.contains('huangpu', 'huangpu-nanjingdong-guizhou')).toBe(true);
    expect(tree.contains('huangpu-nanjingdong', 'huangpu-nanjingdong-guizhou')).toBe(true);
  });

  it('siblings, children and unknown ids do not contain each other', () => {
    expect(tree.contains('huangpu-market', 'huangpu-planning')).toBe(false);
    expect(tree.contains('huangpu-market', 'huangpu')).toBe(false);
    expect(tree.contains('huangpu-waitan', 'huangpu-nanjingdong-guizhou')).toBe(false);
    expect(tree.contains('huangpu', 'nowhere')).toBe(false);
    expect(tree.contains('nowhere', 'nowhere')).toBe(false);
  });

  it('the people’s government of a department’s level (本级人民政府, Art. 42) is its district', () => {
    expect(governmentOf(tree, 'huangpu-planning')).toBe('huangpu');
    expect(governmentOf(tree, 'huangpu')).toBe('huangpu');
    // A street office is the district government's agency: its departments belong to the district.
    expect(governmentOf(tree, 'huangpu-nanjingdong-guizhou')).toBe('huangpu');
    expect(governmentOf(tree, 'huangpu-nanjingdong-window')).toBe('huangpu');
    expect(governmentOf(tree, 'nowhere')).toBeUndefined();
  });

  it('ancestors run from the parent up to the district', () => {
    expect(ids(tree.ancestors('huangpu-nanjingdong-guizhou'))).toEqual(['huangpu-nanjingdong', 'huangpu']);
    expect(tree.ancestors('huangpu')).toEqual([]);
  });

  it('subtree lists the department first, then everything below it', () => {
    expect(ids(tree.subtree('huangpu-nanjingdong'))).toEqual([
      'huangpu-nanjingdong',
      'huangpu-nanjingdong-window',
      'huangpu-nanjingdong-guizhou',
    ]);
    expect(tree.subtree('huangpu')).toHaveLength(demoDepartments.length);
  });

  it('get answers the department, or UnknownDepartment', () => {
    expect(tree.get('huangpu-fire').name).toBe('黄浦区消防救援支队');
    expect(() => tree.get('nowhere')).toThrow(UnknownDepartment);
    expect(() => tree.subtree('nowhere')).toThrow(UnknownDepartment);
  });

  it('a window unit acts for the department it sits under; others for themselves', () => {
    expect(tree.jurisdiction('huangpu-window').id).toBe('huangpu');
    expect(tree.jurisdiction('huangpu-nanjingdong-window').id).toBe('huangpu-nanjingdong');
    expect(tree.jurisdiction('huangpu-market').id).toBe('huangpu-market');
  });

  it('has the district at its root', () => {
    expect(rootOf(tree)).toBe('huangpu');
  });
});
