import { IsInt, IsString, Min, registerDecorator } from 'class-validator';
import { validatePayload } from './validation';

const rulesBroken = (cls: new () => object, plain: object) => validatePayload(cls, plain, { strict: false }).violations.map((v) => `${v.field} ${v.rule}`);

describe('validatePayload and the rules it remembers per class', () => {
  it('applies the rules of a class defined after another was validated, its parent’s included', () => {
    class Parent {
      @IsString() name!: string;
    }
    expect(rulesBroken(Parent, { name: 1 })).toEqual(['name isString']);

    class Child extends Parent {
      @IsInt() @Min(1) seats!: number;
    }
    expect(rulesBroken(Child, { name: 1, seats: 0 })).toEqual(['seats min', 'name isString']);
    expect(rulesBroken(Parent, { name: 'Ravenna', seats: 0 })).toEqual([]);
  });

  it('applies a rule registered on a class after it was validated', () => {
    class Visit {
      @IsString() host!: string;
    }
    expect(rulesBroken(Visit, { host: 'Offenbach', days: 4 })).toEqual([]);

    registerDecorator({
      name: 'isFiveDays',
      target: Visit,
      propertyName: 'days',
      validator: { validate: (v: unknown) => v === 5 },
    });
    expect(rulesBroken(Visit, { host: 'Offenbach', days: 4 })).toEqual(['days isFiveDays']);
  });
});
