export { consultingService } from './consulting.service';
