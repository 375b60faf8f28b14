import { Link } from 'react-router';
import { Page } from '../components/page';
import { paths } from '../routes';

export default function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no console page at this address. Go to <Link to={paths.tenants}>your tenants</Link>.
      </p>
    </Page>
  );
}
