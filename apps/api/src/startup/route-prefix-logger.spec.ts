import { withRealControllerPath } from './route-prefix-logger';

describe('withRealControllerPath', () => {
  const unprefixed = ['health', 'health/ready', 'metrics'];

  it('drops the global prefix from controllers served without it', () => {
    expect(withRealControllerPath('HealthController {/api/health}:', 'api', unprefixed)).toBe(
      'HealthController {/health}:',
    );
    expect(withRealControllerPath('MetricsController {/api/metrics}:', 'api', unprefixed)).toBe(
      'MetricsController {/metrics}:',
    );
  });

  it('leaves every other line as it is', () => {
    for (const line of [
      'UsersController {/api/users}:',
      'HealthyController {/api/healthy}:',
      'Mapped {/health, GET} route',
      'HealthController {/api/health} extra',
    ]) {
      expect(withRealControllerPath(line, 'api', unprefixed)).toBe(line);
    }
  });
});
